#!/usr/bin/env python3
"""Writes a dump-shaped tree for the sync benchmarks: public/<wiki>/<date>/ runs holding data
files plus dumpstatus.json, sha1sums/md5sums and index.html (the stage-2 files).
usage: gen_tree.py OUT FILES TOTAL_BYTES"""
import hashlib, json, os, sys

out, files, total = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
per_run = 200
runs = max(1, files // per_run)
size = max(1, total // files)
block = os.urandom(1 << 20)
written = 0
for r in range(runs):
    wiki, date = f"wiki{r // 3:04d}", f"202611{1 + r % 3:02d}"
    d = os.path.join(out, "public", wiki, date)
    os.makedirs(d, exist_ok=True)
    sha1, md5, status = [], [], {}
    for i in range(per_run if r < runs - 1 else files - per_run * (runs - 1)):
        name = f"{wiki}-{date}-part{i:04d}.xml.bz2"
        # Distinct content per file: a header plus a slice of the random block.
        head = f"{wiki}/{date}/{i}\n".encode()
        off = (written * 7919) % (len(block) - 1)
        h1, h5, left = hashlib.sha1(head), hashlib.md5(head), max(0, size - len(head))
        with open(os.path.join(d, name), "wb") as f:
            f.write(head)
            while left > 0:
                chunk = (block[off:] + block[:off])[:left]
                f.write(chunk); h1.update(chunk); h5.update(chunk); left -= len(chunk)
        written += 1
        s1, m5 = h1.hexdigest(), h5.hexdigest()
        sha1.append(f"{s1}  {name}\n"); md5.append(f"{m5}  {name}\n")
        status[name] = {"size": max(size, len(head)), "sha1": s1, "md5": m5, "url": f"/{wiki}/{date}/{name}"}
    with open(os.path.join(d, f"{wiki}-{date}-sha1sums.txt"), "w") as f: f.writelines(sha1)
    with open(os.path.join(d, f"{wiki}-{date}-md5sums.txt"), "w") as f: f.writelines(md5)
    with open(os.path.join(d, "dumpstatus.json"), "w") as f:
        json.dump({"jobs": {"articles": {"status": "done", "updated": "2026-11-01 00:00:00", "files": status}}, "version": "0.8"}, f)
    with open(os.path.join(d, "index.html"), "w") as f: f.write(f"<html>{wiki} {date}</html>\n")
print(f"{written} data files in {runs} runs, ~{size} bytes each")
