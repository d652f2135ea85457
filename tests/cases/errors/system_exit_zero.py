# SystemExit with no argument is a clean exit.
print("clean exit")
raise SystemExit
print("not reached")
