"""Reports: output formats (pure functions of a report) and the public JSON documents."""
