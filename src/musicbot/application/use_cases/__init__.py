"""One use-case a module: a frozen command in, a frozen result out, one public `execute`."""
