# Looking up a missing dict key ends in an uncaught KeyError.
stock = {"apples": 3}
print(stock["apples"])
print(stock["pears"])
