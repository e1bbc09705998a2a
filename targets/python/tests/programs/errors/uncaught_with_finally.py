# finally blocks run before the traceback is printed.
def work():
    try:
        print("working")
        raise ValueError("broken")
    finally:
        print("cleanup")
work()
