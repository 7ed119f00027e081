"""Reports keep no records of their own: they read the other apps."""
