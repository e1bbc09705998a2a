# An exception raised inside an imported module shows the module's frame in the traceback.
import _shapes
print("calling into the module")
_shapes.fail()
