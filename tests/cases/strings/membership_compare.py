# in / not in, and lexicographic comparison.
s = "the quick brown fox"
print("quick" in s, "slow" in s, "" in s, "fox" not in s)
print("abc" < "abd", "abc" < "ab", "Z" < "a", "b" > "abc")
print("abc" == "abc", "abc" != "ABC", "a" <= "a")
print("é" > "e", "" < "a")
