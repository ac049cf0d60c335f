"""The library of shared texts: rights, responsibilities, duties and requirements kept once, under
names, in library/*.yaml, and used by name in positions (`- library: NAME`)."""
