# An exception leaves a with block after __exit__ runs and is uncaught.
class CM:
    def __enter__(self):
        print("enter")
    def __exit__(self, *a):
        print("exit")
with CM():
    raise KeyError("lost")
