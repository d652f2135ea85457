# else runs when nothing was raised; finally always runs.
def run(fail):
    try:
        print("body")
        if fail:
            raise RuntimeError("failed")
    except RuntimeError as e:
        print("caught", e)
    else:
        print("else")
    finally:
        print("finally")

run(False)
run(True)
