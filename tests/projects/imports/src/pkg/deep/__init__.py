from ..sub import twice
from . import leaf
LEVEL = twice(leaf.BASE)
