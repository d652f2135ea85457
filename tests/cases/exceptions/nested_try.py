# Nested try blocks: the innermost matching handler wins.
def level(n):
    try:
        try:
            if n == 0:
                raise IndexError("zero")
            if n == 1:
                raise ValueError("one")
            raise TypeError("two")
        except IndexError as e:
            print("inner", e)
        finally:
            print("inner finally", n)
    except ValueError as e:
        print("outer", e)
    except BaseException as e:
        print("catch-all", type(e))

level(0)
level(1)
level(2)
