"""The response cache's doorkeeper: an answer is stored the second time its key is asked
for; a key asked for once is mistaken for one seen before rarely, as a stream of one-off
questions would otherwise fill the cache with answers nobody asks for again."""

from api.response_cache import Doorkeeper


def key(n: int) -> tuple[str, str, bytes]:
    return ("v1", "/v1/figures", b"value__gte=-%d" % n)


def test_a_key_is_seen_before_from_its_second_sight_on() -> None:
    door = Doorkeeper()
    assert not door.seen_before(key(1))
    assert door.seen_before(key(1))
    assert door.seen_before(key(1))


def test_keys_seen_once_are_rarely_taken_for_seen_before() -> None:
    door = Doorkeeper()
    keys = 200_000  # three times what it remembers before it starts again
    mistaken = sum(door.seen_before(key(n)) for n in range(keys))
    # At most one in 64 once full (both slots marked by other keys); about one in 200
    # on average from empty to full. With one slot per key it was up to one in 8.
    assert mistaken < keys / 100


def test_it_starts_again_once_an_eighth_of_its_slots_are_marked() -> None:
    door = Doorkeeper(slots=1 << 10)
    highest, n = 0, 0
    while door.marked >= highest:  # until it starts again
        highest = door.marked
        door.seen_before(key(n))
        n += 1
    assert highest <= 1 << 7  # an eighth of the slots
    assert n > 1 << 6  # two slots per key, at most
    assert door.marked == 0
    assert not door.seen_before(key(0))  # forgotten
