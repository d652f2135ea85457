# Indexing, len, concatenation and repetition.
s = "hello"
print(s, len(s), s[0], s[-1], s[1])
print(s + " world", s * 3, 3 * "ab")
print("" * 5, len(""), "x" + "")
t = 'héllo wörld'
print(t, len(t), t[1], t[-4])
print("a" "b" "c")
print('it\'s', "tab\tend", "q\"q")
