"""The only layer that touches git and the filesystem: change sets, blobs, files at a revision.

``repository.Repository`` is what the use cases call: ``changes(range, staged=, patch=)`` returns a
``ChangeSet`` whose ``reader`` reads the blobs the rules ask for in one ``git cat-file --batch``;
``proposed_change`` builds the one-file change of the editor hook; ``read``/``list_paths`` read a
revision and ``read_worktree``/``list_worktree_paths`` the working tree. Nothing here checks out
or writes into the repository.

The change reader's modules, one concern each: ``gitcmd`` (running git read-only),
``revisions`` (RANGE syntax, missing-revision and shallow-clone messages), ``rawdiff``
(``--raw -z`` listings into ``FileChange``), ``trees`` (``ls-tree``), ``blobs`` (batch reads,
object ids), ``worktree`` (the working tree staged into a private index and object directory),
``patchparse``/``patchapply``/``gitbinary`` (unified diffs applied in memory), ``names`` (git's
quoted and raw file names), ``files`` (files outside the object database).
"""
