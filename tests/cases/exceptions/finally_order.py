# try/except/else/finally execution order in nested structures.
def run(fail):
    log = []
    try:
        log.append("try")
        try:
            if fail == "inner":
                raise KeyError("i")
            log.append("inner ok")
        except KeyError:
            log.append("inner except")
            if fail == "inner":
                raise ValueError("re")
        else:
            log.append("inner else")
        finally:
            log.append("inner finally")
    except ValueError as e:
        log.append("outer except " + str(e))
    else:
        log.append("outer else")
    finally:
        log.append("outer finally")
    return log
print(run(None))
print(run("inner"))
