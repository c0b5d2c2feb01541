# introdl: two commands for learners, a few more for authors.
#
#   make lab        install what is missing, then start Jupyter on notebooks/
#   make test       gofmt check, go vet, go test (which executes every notebook)
#
#   make setup      only install (Jupyter, pinned GoNB tools, kernel, warm cache)
#   make notebooks  re-execute notebooks/*.ipynb in place and save their outputs
#   make uninstall-kernel   remove the "Go (introdl)" Jupyter kernel

.PHONY: lab setup test notebooks uninstall-kernel

lab: setup
	scripts/lab.sh

setup:
	scripts/setup.sh

# -timeout 60m: the browser test (e2e) runs every notebook in Chromium and
# lessons' long tests train MNIST nets; together they pass go test's default
# 10 minutes on a busy 2-core machine.
# The notebook tests run last and verbosely, so their per-notebook and
# per-cell timings are printed; -count=1 because they measure. They run even
# when a package test failed, so one run reports every failure.
test:
	@files=$$(gofmt -l .); if [ -n "$$files" ]; then echo "gofmt: these files need formatting (run gofmt -w):"; echo "$$files"; exit 1; fi
	go vet ./...
	@status=0; \
	echo "go test -timeout 60m \$$(go list ./... | grep -v /notebooks)"; \
	go test -timeout 60m $$(go list ./... | grep -v '/notebooks$$') || status=1; \
	if go build -tags openblas -o /dev/null ./dl 2>/dev/null; then \
		echo "go test -tags openblas -ldflags=-linkmode=internal ./dl/ ./lessons/   # the OpenBLAS path (PERFORMANCE.md)"; \
		go test -timeout 60m -tags openblas -ldflags=-linkmode=internal ./dl/ ./lessons/ || status=1; \
	elif [ "$$CI" = true ]; then \
		echo "OpenBLAS is missing, and CI=true must test that path: apt-get install libopenblas-dev"; status=1; \
	else \
		echo "skipping the OpenBLAS path (PERFORMANCE.md): apt-get install libopenblas-dev to test it"; \
	fi; \
	echo "go test -count=1 -timeout 60m -v ./notebooks/"; \
	go test -count=1 -timeout 60m -v ./notebooks/ || status=1; \
	exit $$status

notebooks:
	go run ./cmd/nbrun

uninstall-kernel:
	scripts/setup.sh uninstall
