#!/usr/bin/env python3
"""Writes the small evidence files of attack round 16 (session 21): an M4A voice memo, a MOV
video, a HEIC photo, a WebP image, a WAV and an MP3 recording, each with metadata a phone writes
(a title naming a street, a GPS position, EXIF, XMP) around data that stands for the recording or
the picture. The tests
(domain/evidence_metadata_s21attack_test.go, app/evidence_media_s21attack_test.go) check that an
institution's copy keeps every byte but the metadata's, and none of SECRET. Run it from this
folder: python3 make.py"""
import struct

SECRET = '漕溪北路88号 +31.1880+121.4370/ iPhone of Wang'.encode()
KEEP = b'RECORDING-OR-PICTURE-DATA'


def box(t, payload):
    return struct.pack('>I', 8 + len(payload)) + t + payload


def fullbox(t, v, f, payload):
    return box(t, bytes([v]) + f.to_bytes(3, 'big') + payload)


def movie(brand, moov_meta):
    ftyp = box(b'ftyp', brand + b'\0\0\0\0' + brand + b'isom')
    mvhd = fullbox(b'mvhd', 0, 0, b'\0' * 96)
    trak = box(b'trak', fullbox(b'tkhd', 0, 3, b'\0' * 80) + box(b'mdia', box(b'mdhd', b'\0' * 24))
               + box(b'udta', box(b'name', SECRET)))
    moov = box(b'moov', mvhd + trak + moov_meta)
    # mdat with a 64-bit size, as long recordings have
    mdat = struct.pack('>I', 1) + b'mdat' + struct.pack('>Q', 16 + len(KEEP)) + KEEP
    xmp = box(b'uuid', bytes.fromhex('BE7ACFCB97A942E89C71999491E3AFAC') + b'<x:xmpmeta>' + SECRET + b'</x:xmpmeta>')
    return ftyp + mdat + moov + xmp


def m4a():
    # an iPhone voice memo: its title (the street) in moov/udta/meta/ilst, the position in udta
    xyz = box(b'\xa9xyz', struct.pack('>HH', 18, 0x15c7) + b'+31.1880+121.4370/')
    nam = box(b'\xa9nam', box(b'data', b'\0\0\0\x01\0\0\0\0' + SECRET))
    meta = fullbox(b'meta', 0, 0, fullbox(b'hdlr', 0, 0, b'\0\0\0\0mdir' + b'\0' * 13) + box(b'ilst', nam))
    return movie(b'M4A ', box(b'udta', xyz + meta))


def mov():
    # an iPhone video: com.apple.quicktime.location.ISO6709 in moov/meta
    keys = fullbox(b'keys', 0, 0, struct.pack('>I', 1) + box(b'mdta', b'com.apple.quicktime.location.ISO6709'))
    ilst = box(b'ilst', box(struct.pack('>I', 1), box(b'data', b'\0\0\0\x01\0\0\0\0' + SECRET)))
    meta = box(b'meta', box(b'hdlr', b'\0' * 8 + b'mdta' + b'\0' * 13) + keys + ilst)
    return movie(b'qt  ', meta)


def heic():
    # item 1 the picture (in mdat), item 2 EXIF (in mdat), item 3 XMP (in idat)
    ftyp = box(b'ftyp', b'heic\0\0\0\0mif1heic')
    exif = b'\0\0\0\x06Exif\0\0MM\0\x2a\0\0\0\x08' + SECRET
    xmp = b'<x:xmpmeta>' + SECRET + b'</x:xmpmeta>'
    hdlr = fullbox(b'hdlr', 0, 0, b'\0\0\0\0pict' + b'\0' * 13)
    pitm = fullbox(b'pitm', 0, 0, struct.pack('>H', 1))
    infe = lambda i, t, extra=b'': fullbox(b'infe', 2, 0, struct.pack('>HH', i, 0) + t + b'\0' + extra)
    iinf = fullbox(b'iinf', 0, 0, struct.pack('>H', 3) + infe(1, b'hvc1') + infe(2, b'Exif')
                   + infe(3, b'mime', b'application/rdf+xml\0'))
    idat = box(b'idat', xmp)

    def iloc(mdat_at):
        # version 1: offset, length and base offset of 4 bytes, no index
        ent = lambda i, m, off, n: struct.pack('>HHHIH', i, m, 0, 0, 1) + struct.pack('>II', off, n)
        return fullbox(b'iloc', 1, 0, bytes([0x44, 0x40]) + struct.pack('>H', 3)
                       + ent(1, 0, mdat_at + 8, len(KEEP)) + ent(2, 0, mdat_at + 8 + len(KEEP), len(exif))
                       + ent(3, 1, 0, len(xmp)))
    size = len(ftyp) + len(fullbox(b'meta', 0, 0, hdlr + pitm + iloc(0) + iinf + idat))
    meta = fullbox(b'meta', 0, 0, hdlr + pitm + iloc(size) + iinf + idat)
    return ftyp + meta + box(b'mdat', KEEP + exif)


def chunk(t, data):
    return t + struct.pack('<I', len(data)) + data + (b'\0' if len(data) % 2 else b'')


def webp():
    vp8x = chunk(b'VP8X', bytes([0x0C, 0, 0, 0]) + b'\x0f\0\0\x0f\0\0')
    body = b'WEBP' + vp8x + chunk(b'VP8 ', KEEP) + chunk(b'EXIF', b'MM\0\x2a\0\0\0\x08' + SECRET) \
        + chunk(b'XMP ', b'<x:xmpmeta>' + SECRET + b'</x:xmpmeta>!')
    return b'RIFF' + struct.pack('<I', len(body)) + body


def wav():
    # a recorder's WAV: LIST INFO with a title and the creation software
    fmt = chunk(b'fmt ', struct.pack('<HHIIHH', 1, 1, 8000, 16000, 2, 16))
    info = chunk(b'LIST', b'INFO' + chunk(b'INAM', SECRET + b'\0') + chunk(b'ISFT', b'Recorder\0'))
    body = b'WAVE' + fmt + chunk(b'data', KEEP + b'\0') + info
    return b'RIFF' + struct.pack('<I', len(body)) + body


def syncsafe(n):
    return bytes([(n >> 21) & 127, (n >> 14) & 127, (n >> 7) & 127, n & 127])


def mp3():
    # a call recorder's MP3: an ID3v2.3 title at the start, an ID3v1 tag at the end
    frame = b'TIT2' + struct.pack('>I', len(SECRET) + 1) + b'\0\0' + b'\3' + SECRET
    id3 = b'ID3\3\0\0' + syncsafe(len(frame)) + frame
    audio = b'\xff\xfb\x90\x64' + KEEP + b'\0' * 64
    v1 = b'TAG' + SECRET[:30].ljust(30, b'\0') + b'\0' * 95
    return id3 + audio + v1


for name, data in [('memo.m4a', m4a()), ('video.mov', mov()), ('photo.heic', heic()), ('photo.webp', webp()),
                   ('memo.wav', wav()), ('call.mp3', mp3())]:
    open(name, 'wb').write(data)
