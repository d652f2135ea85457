# Recursive flatten of nested lists using isinstance.
def flatten(x, out):
    if isinstance(x, list):
        for item in x:
            flatten(item, out)
    else:
        out.append(x)
    return out

print(flatten([1, [2, [3, [4, [5]]]], "six", [[7.0]]], []))
