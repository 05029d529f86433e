"""Package manifests: declared dependencies of Python, npm and Go projects (see ``analyser``)."""
