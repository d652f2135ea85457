# A small text adventure run as a state machine from a scripted list of
# commands: rooms in a dict, an inventory, locked doors, and a generator
# of timed events that the main loop drains between turns.

ROOMS = {
    "hall": {
        "desc": "a draughty hall with a worn rug",
        "exits": {"north": "library", "east": "kitchen", "down": "cellar"},
        "items": ["lamp"],
    },
    "library": {
        "desc": "a library lined with mouldy books",
        "exits": {"south": "hall"},
        "items": ["book", "key"],
    },
    "kitchen": {
        "desc": "a kitchen that smells of onions",
        "exits": {"west": "hall"},
        "items": ["bread", "knife"],
    },
    "cellar": {
        "desc": "a damp cellar; a heavy door leads east",
        "exits": {"up": "hall", "east": "vault"},
        "items": [],
        "dark": True,
    },
    "vault": {
        "desc": "the vault, glittering with treasure",
        "exits": {"west": "cellar"},
        "items": ["gold", "crown"],
    },
}

LOCKED = {("cellar", "east"): "key"}
SCORES = {"gold": 50, "crown": 100, "book": 5}
ALIASES = {"n": "go north", "s": "go south", "e": "go east", "w": "go west",
           "u": "go up", "d": "go down", "i": "inventory", "l": "look"}


class GameOver(Exception):
    pass


class Game:
    def __init__(self, rooms):
        self.rooms = rooms
        self.here = "hall"
        self.inventory = []
        self.moves = 0
        self.state = "playing"
        self.visited = {"hall"}
        self.lamp_on = False
        self.hunger = 0
        self.log = []

    def say(self, text):
        self.log.append(text)
        print("  " + text)

    @property
    def room(self):
        return self.rooms[self.here]

    @property
    def score(self):
        return sum(SCORES.get(item, 0) for item in self.inventory) + 2 * len(self.visited)

    def can_see(self):
        return not self.room.get("dark") or (self.lamp_on and "lamp" in self.inventory)

    def look(self):
        if not self.can_see():
            self.say("It is pitch dark. You might be eaten by a grue.")
            return
        self.say("You are in " + self.room["desc"] + ".")
        if self.room["items"]:
            self.say("You see: " + ", ".join(sorted(self.room["items"])))
        self.say("Exits: " + " ".join(sorted(self.room["exits"])))

    def go(self, direction):
        exits = self.room["exits"]
        if direction not in exits:
            self.say("You can't go %s." % direction)
            return
        need = LOCKED.get((self.here, direction))
        if need is not None and need not in self.inventory:
            self.say("The door is locked.")
            return
        if need is not None:
            self.say("You unlock the door with the %s." % need)
            del LOCKED[(self.here, direction)]
        self.here = exits[direction]
        first = self.here not in self.visited
        self.visited.add(self.here)
        self.say(("You enter the %s (new!)" if first else "You return to the %s") % self.here)
        self.look()

    def take(self, item):
        if not self.can_see():
            self.say("You fumble around but find nothing.")
        elif item not in self.room["items"]:
            self.say("There is no %s here." % item)
        elif len(self.inventory) >= 4:
            self.say("Your hands are full.")
        else:
            self.room["items"].remove(item)
            self.inventory.append(item)
            self.say("Taken: %s." % item)

    def drop(self, item):
        try:
            self.inventory.remove(item)
        except ValueError:
            self.say("You don't have a %s." % item)
            return
        self.room["items"].append(item)
        self.say("Dropped: %s." % item)

    def use(self, item):
        if item not in self.inventory:
            self.say("You have no %s." % item)
        elif item == "lamp":
            self.lamp_on = not self.lamp_on
            self.say("The lamp is now %s." % ("on" if self.lamp_on else "off"))
        elif item == "bread":
            self.inventory.remove("bread")
            self.hunger = 0
            self.say("Delicious. You feel refreshed.")
        else:
            self.say("Nothing happens.")

    def handle(self, line):
        line = ALIASES.get(line, line)
        verb, _, noun = line.partition(" ")
        self.moves += 1
        if verb == "go":
            self.go(noun)
        elif verb in ("take", "drop", "use"):
            getattr(self, verb)(noun)
        elif verb == "look":
            self.look()
        elif verb == "inventory":
            self.say("You carry: " + (", ".join(self.inventory) or "nothing"))
        elif verb == "quit":
            raise GameOver("quit")
        else:
            self.moves -= 1
            self.say("I don't understand %r." % line)


def events(game):
    # Yields messages as the turns pass; the main loop calls next() each turn.
    turn = 0
    while True:
        turn += 1
        game.hunger += 1
        if game.hunger == 8:
            yield "Your stomach growls."
        elif game.hunger >= 20:
            raise GameOver("starved")
        if turn % 5 == 0:
            yield "A clock strikes somewhere (turn %d)." % turn
        if game.here == "vault" and "crown" in game.inventory:
            raise GameOver("won")
        yield None


SCRIPT = ["look", "take lamp", "e", "take bread", "w", "d", "take rug", "use lamp",
          "look", "e", "u", "use bread", "n", "take book", "take key", "dance", "s", "i",
          "e", "take knife", "w", "d", "e", "take gold", "drop book", "take gold",
          "use knife", "take crown", "drop knife", "take crown", "quit"]

game = Game(ROOMS)
ticker = events(game)
outcome = "script ended"
try:
    for number, command in enumerate(SCRIPT, 1):
        print("[%02d] > %s" % (number, command))
        game.handle(command)
        message = next(ticker)
        while message is not None:
            print("  * " + message)
            message = next(ticker)
except GameOver as end:
    outcome = str(end)

print("outcome:", outcome)
print("moves: %d, score: %d, rooms seen: %d/%d" % (game.moves, game.score, len(game.visited), len(ROOMS)))
print("inventory:", sorted(game.inventory))
print("visited:", sorted(game.visited))
print("left behind:", {name: room["items"] for name, room in sorted(ROOMS.items()) if room["items"]})
longest = max(game.log, key=len)
print("longest message (%d chars): %s" % (len(longest), longest))
print("messages mentioning 'door':", [i for i, text in enumerate(game.log) if "door" in text])
