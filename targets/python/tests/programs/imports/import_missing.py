# Importing a module that does not exist: ModuleNotFoundError, uncaught.
print("before the import")
import _does_not_exist
