# User exception classes: raising, catching by base, args, str and repr.
class AppError(Exception): pass
class NotFound(AppError): pass
class Invalid(AppError):
    def __init__(self, field, reason):
        super().__init__(field, reason)
        self.field = field
        self.reason = reason
for exc in [NotFound("thing"), Invalid("age", "negative"), AppError()]:
    try:
        raise exc
    except AppError as e:
        print(type(e).__name__, e.args, str(e), repr(e))
try:
    raise Invalid("name", "empty")
except Invalid as e:
    print(e.field, e.reason)
print(issubclass(NotFound, Exception), isinstance(NotFound(), AppError))
