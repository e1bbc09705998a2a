# The exit status of an uncaught exception is 1 even after output.
for i in range(3):
    print("row", i)
raise SystemError("custom system error")
