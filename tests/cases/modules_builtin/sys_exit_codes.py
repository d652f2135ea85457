# sys.exit with a string message prints it to stderr and sets exit status 1.
import sys
try:
    sys.exit(2)
except SystemExit as e:
    print("code", e.code, type(e).__name__)
try:
    sys.exit()
except SystemExit as e:
    print("code", e.code)
try:
    sys.exit("msg")
except SystemExit as e:
    print("code", e.code)
print("now exiting with a message")
sys.exit("fatal: bye")
