# sys.exit with an int code sets the exit status (exit status 4).
import sys
try:
    sys.exit(4)
except SystemExit as e:
    print("caught code", e.code)
print("exiting for real")
sys.exit(4)
