# An uncaught exception ends the program with exit status 1 after earlier output.
print("before")
def parse(s):
    return int(s)
print(parse("12"))
print(parse("twelve"))
print("never printed")
