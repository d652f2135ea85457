# finally runs before the uncaught exception leaves the program.
try:
    print("try")
    raise RuntimeError("boom")
finally:
    print("finally ran")
