# Adding str and int is uncaught.
label = "count: "
print(label + str(3))
print(label + 3)
