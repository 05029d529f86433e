"""The only layer that touches git and the filesystem: change sets, blobs, files at a revision."""
