# SystemExit raised with a string argument is uncaught and ends with exit status 1.
print("about to fail")
raise SystemExit("error message on stderr")
