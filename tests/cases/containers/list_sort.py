# list.sort with key= and reverse=, stability, and sorted() on various iterables.
people = [("bob", 25), ("amy", 30), ("cat", 25), ("dan", 20)]
people.sort(key=lambda p: p[1])
print(people)
people.sort(key=lambda p: p[1], reverse=True)
print(people)
words = ["Banana", "apple", "cherry", "Apple"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
nums = [5, -3, 2, -8, 0]
nums.sort(key=abs)
print(nums, sorted(nums, reverse=True))
print(sorted("hello"), sorted({3: "a", 1: "b"}), sorted((2, 1)), sorted([x % 4 for x in range(8)]))
r = [3, 1, 2]
print(r.sort(), r)
try:
    [1, "a"].sort()
except TypeError as e:
    print("TypeError:", e)
print(sorted([[2, 1], [1, 9], [1, 2]]), sorted([(1, "b"), (1, "a")]))
