"""Where scopeguard runs besides the command line: the agent tools' hook protocols and the files
``scopeguard init`` writes.

Everything here is pure — text and bytes in, text and bytes out; the use cases read and write.
"""
