#!/bin/sh
# Writes the Ogg recordings of attack round 18 (session 23) with the real encoders (Debian's
# opus-tools and vorbis-tools): one second of a 16 kHz tone, tagged as a phone recorder may tag it
# (a title naming a street, the owner as artist, a LOCATION comment); cover.opus also carries a
# 67 KB cover picture, so that its OpusTags packet spans several pages. The tests
# (domain/evidence_metadata_s23attack_test.go) check that an institution's copy holds none of it
# and keeps every audio page. Run it from this folder: sh make-ogg.sh
set -e
python3 - <<'PY'
import wave, struct, math, zlib, os
w = wave.open('/tmp/tone.wav', 'wb'); w.setnchannels(1); w.setsampwidth(2); w.setframerate(16000)
w.writeframes(b''.join(struct.pack('<h', int(8000 * math.sin(i * 0.2))) for i in range(16000))); w.close()
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
raw = b''.join(b'\0' + os.urandom(450) for _ in range(150))
open('/tmp/cover.png', 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 150, 150, 8, 2, 0, 0, 0))
    + chunk(b'IDAT', zlib.compress(raw, 0)) + chunk(b'IEND', b''))
PY
TAGS="--title 漕溪北路88号 --artist 王小明 --comment LOCATION=+31.1880+121.4370/"
opusenc --quiet $TAGS /tmp/tone.wav memo.opus
opusenc --quiet $TAGS --picture /tmp/cover.png /tmp/tone.wav cover.opus
oggenc -Q -t 漕溪北路88号 -a 王小明 -c LOCATION=+31.1880+121.4370/ -o memo.ogg /tmp/tone.wav
