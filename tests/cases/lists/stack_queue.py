# A list used as a stack and as a queue.
stack = []
for i in range(5):
    stack.append(i * i)
out = []
while len(stack) > 0:
    out.append(stack.pop())
print(out)
queue = ["a", "b", "c"]
queue.append("d")
while queue:
    print(queue.pop(0), len(queue))
