# A hand-written JSON-like parser and pretty-printer, with error positions.

class ParseError(Exception):
    def __init__(self, message, pos):
        super().__init__(message)
        self.pos = pos

    def __str__(self):
        return "%s at position %d" % (self.args[0], self.pos)

class Token:
    def __init__(self, kind, value, pos):
        self.kind = kind
        self.value = value
        self.pos = pos

    def __repr__(self):
        return f"Token({self.kind}, {self.value!r}, {self.pos})"

ESCAPES = {'"': '"', "\\": "\\", "/": "/", "n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}
REVERSE = {v: k for k, v in ESCAPES.items() if k != "/"}
KEYWORDS = {"true": True, "false": False, "null": None}

class Tokenizer:
    def __init__(self, text):
        self.text = text
        self.pos = 0

    def read_string(self):
        start = self.pos
        self.pos += 1
        parts = []
        while self.pos < len(self.text):
            ch = self.text[self.pos]
            if ch == '"':
                self.pos += 1
                return "".join(parts)
            if ch == "\\":
                self.pos += 1
                esc = self.text[self.pos : self.pos + 1]
                if esc == "u":
                    ch = chr(int(self.text[self.pos + 1 : self.pos + 5], 16))
                    self.pos += 4
                elif esc in ESCAPES:
                    ch = ESCAPES[esc]
                else:
                    raise ParseError("bad escape %r" % esc, self.pos)
            parts.append(ch)
            self.pos += 1
        raise ParseError("unterminated string", start)

    def scan(self, allowed):
        start = self.pos
        while self.pos < len(self.text) and self.text[self.pos] in allowed:
            self.pos += 1
        return self.text[start : self.pos]

    def tokens(self):
        while True:
            self.scan(" \t\r\n")
            start = self.pos
            if start >= len(self.text):
                yield Token("eof", None, start)
                return
            ch = self.text[start]
            if ch in "{}[]:,":
                self.pos += 1
                yield Token(ch, ch, start)
            elif ch == '"':
                yield Token("str", self.read_string(), start)
            elif ch == "-" or ch.isdigit():
                literal = self.scan("0123456789.eE+-")
                try:
                    number = float(literal) if any(c in literal for c in ".eE") else int(literal)
                except ValueError:
                    raise ParseError("bad number %r" % literal, start)
                yield Token("num", number, start)
            elif ch.isalpha():
                word = self.scan("abcdefghijklmnopqrstuvwxyz")
                if word not in KEYWORDS:
                    raise ParseError("unknown word %r" % word, start)
                yield Token("const", KEYWORDS[word], start)
            else:
                raise ParseError("unexpected character %r" % ch, start)

class Parser:
    def __init__(self, text):
        self.stream = Tokenizer(text).tokens()
        self.current = next(self.stream)

    def advance(self):
        tok = self.current
        if tok.kind != "eof":
            self.current = next(self.stream)
        return tok

    def expect(self, kind):
        if self.current.kind != kind:
            raise ParseError("expected %r, got %r" % (kind, self.current.kind), self.current.pos)
        return self.advance()

    def parse(self):
        value = self.value()
        self.expect("eof")
        return value

    def value(self):
        tok = self.current
        if tok.kind in ("str", "num", "const"):
            return self.advance().value
        if tok.kind == "[":
            return self.sequence("]", self.value, list)
        if tok.kind == "{":
            return self.sequence("}", self.pair, dict)
        raise ParseError("unexpected %r" % tok.kind, tok.pos)

    def pair(self):
        key = self.expect("str").value
        self.expect(":")
        return key, self.value()

    def sequence(self, close, item, build):
        self.advance()
        items = []
        if self.current.kind != close:
            items.append(item())
            while self.current.kind == ",":
                self.advance()
                items.append(item())
        self.expect(close)
        return build(items)

def quote(s):
    out = []
    for ch in s:
        if ch in REVERSE:
            out.append("\\" + REVERSE[ch])
        elif ord(ch) < 32 or ord(ch) > 126:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'

def dump(value, indent=2, level=0):
    pad = " " * (indent * (level + 1))
    end = " " * (indent * level)
    for word, const in KEYWORDS.items():
        if value is const:
            return word
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, list):
        items = [dump(v, indent, level + 1) for v in value]
        brackets = "[]"
    elif isinstance(value, dict):
        items = [quote(k) + ": " + dump(v, indent, level + 1) for k, v in value.items()]
        brackets = "{}"
    else:
        raise TypeError("cannot dump %s" % type(value).__name__)
    if not items:
        return brackets
    if sum(len(item) for item in items) < 30 and not any("\n" in item for item in items):
        return brackets[0] + ", ".join(items) + brackets[1]
    return brackets[0] + "\n" + pad + (",\n" + pad).join(items) + "\n" + end + brackets[1]

SAMPLES = ['{"name": "sensor-7", "ok": true, "readings": [1, 2.5, -3, 1e3], "meta": null}']
SAMPLES += ['[[], {}, [[]], {"a": {"b": {"c": [true, false]}}}]', "42", '"tab\\there \\"quoted\\" \\u00e9t\\u00e9"']
SAMPLES += ['  { "nested" : [ { "x" : 1 , "y" : [ 2 , 3 ] } , -0.25 ] }  ', '{"deep": [[[[[[[[[[[[1]]]]]]]]]]]]}']

BAD = ['{"a": 1,}', "[1, 2", '{"a" 1}', '"no end', "[1, @]", "[tru]", '{"k": "\\q"}', "[1] 2"]
BAD += ["[-]", "[1.2.3]", "", '{"a": 1 "b": 2}', "[1e]"]

for i, text in enumerate(SAMPLES):
    data = Parser(text).parse()
    print("sample", i, "->", type(data).__name__)
    print(dump(data))
    again = Parser(dump(data)).parse()
    print("round-trip equal:", again == data, "| lines:", dump(data).count("\n") + 1)

print("tokens:", list(Tokenizer('{"k": [1, true]}').tokens()))

for text in BAD:
    try:
        Parser(text).parse()
        print("accepted?!", text)
    except ParseError as err:
        print("%-20s error: %s" % (text, err))
        if err.pos < 20:
            print(" " * err.pos + "^")

config = {"version": 3, "devices": [{"id": n, "pins": [n * 2, n * 2 + 1], "on": n % 2 == 0} for n in range(3)]}
print(dump(config, indent=4))
back = Parser(dump(config, 4)).parse()
print("config round-trip:", back == config, sum(d["id"] for d in back["devices"]))
try:
    dump({"when": (12, 30)})
except TypeError as err:
    print("TypeError:", err)
