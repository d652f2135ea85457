# Non-ASCII text: length counts code points, not bytes.
words = ["héllo", "naïve", "日本語", "Ελληνικά", "emoji 🙂"]
for w in words:
    print(w, len(w), w[0], w[-1], w.upper())
print("日本" + "語", "ö" * 3)
print("🙂" in words[4], words[2][1:])
