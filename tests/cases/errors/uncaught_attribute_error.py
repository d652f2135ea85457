# Calling a missing method is uncaught.
s = "text"
print(s.upper())
print(s.nosuchmethod())
