# The two commands a newcomer needs: `make run` and `make test`. Everything they need (PostgreSQL,
# Kafka, Keycloak) is brought up by src/local/infra.sh, with no Docker; versions are pinned in
# src/local/versions.env.
SHELL := /bin/bash
MVNW := ./mvnw -B
INFRA := src/local/infra.sh

.DEFAULT_GOAL := help
.PHONY: help run test lint mutation browser image stop infra status openapi eval bench soak verify-log fuzz k8s-realm

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-9s %s\n", $$1, $$2}'

infra: ## start PostgreSQL, Kafka and Keycloak (or find them running)
	@$(INFRA) up

status: ## show which local servers are up
	@$(INFRA) status

# Runs the packaged service rather than quarkus:dev: dev mode pulls in Qute's debug adapter, and
# Maven Central has no io.quarkus.qute:qute-debug 3.33.2 (the release skipped it), so it cannot start.
run: infra ## build and start the service on http://127.0.0.1:8080 (console: /console) against the local servers (Ctrl-C stops it)
	$(MVNW) -q package -DskipTests
	java -jar target/quarkus-app/quarkus-run.jar

test: lint infra browser ## the contract linters, then every test against the real servers (and the console in headless Chromium)
	$(MVNW) verify

lint: ## Spectral, Redocly and the AsyncAPI CLI on the committed contracts (pinned, installed by npm into .local/lint)
	@src/local/lint.sh

browser: ## install Debian's chromium and chromium-driver for the console's browser tests, if missing
	@$(INFRA) browser

image: infra ## the container image as an OCI tarball in target/image/ (Jib, no Docker daemon), checked by running it
	src/local/image.sh

stop: ## stop every server the Makefile started
	@$(INFRA) down

eval: ## matching quality on the labelled sets in src/test/resources/eval: precision, recall, F1, every miss (fails below the floors)
	$(MVNW) -q test -Dtest=MatchingEvaluationTest -Dsurefire.failIfNoSpecifiedTests=false

mutation: ## PIT mutation testing of the pure code (matching, triage, chain sequencer and verifier, OfficerActions, LegalCalendar); report in target/pit-reports/
	$(MVNW) test-compile org.pitest:pitest-maven:mutationCoverage -Dquarkus.build.skip=true

bench: infra ## benchmarks next to their servers' limits (intake vs pgbench, replay vs raw consumer, matching JMH, memory); target/bench/results.json
	src/local/bench.sh

soak: infra ## the service at half its intake capacity for SOAK_MINUTES (30): RSS, heap after GC, sockets, failures from start to end
	src/local/soak.sh

BOOTSTRAP ?= 127.0.0.1:9092
TOPIC ?= screening.decisions.v1
KEY ?= http://127.0.0.1:8080/api/v1/audit/keys
SIGNATURE_EVERY ?= 1
CHECKPOINT ?= http://127.0.0.1:8080/api/v1/audit/checkpoint
verify-log: ## auditor's check of the log (chain, signatures, tree) from Kafka, the public key and a trusted checkpoint
	$(MVNW) -q compile exec:java -Dexec.mainClass=nl.kennisveiligheid.screening.replay.ReplayCommand \
	  -Dexec.args="$(BOOTSTRAP) $(TOPIC) $(KEY) $(SIGNATURE_EVERY) $(CHECKPOINT)"

FUZZ_TRIES ?= 5000
FUZZ_SEED ?= $(shell date +%s)
fuzz: infra ## a long hostile-input run against every API write endpoint and every console parameter (FUZZ_TRIES, FUZZ_SEED)
	$(MVNW) test -Dtest='HostileInputTest,ConsoleHostileInputTest' -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.tries=$(FUZZ_TRIES) \
	  -Dfuzz.seed=$(FUZZ_SEED)

k8s-realm: ## regenerate the Keycloak Operator's realm import from the one realm file
	$(MVNW) -q test-compile exec:java -Dexec.classpathScope=test \
	  -Dexec.mainClass=nl.kennisveiligheid.screening.deploy.RealmImportWriter

openapi: ## refresh the committed contract openapi/openapi.yaml from the code
	$(MVNW) -q package -DskipTests
	cp target/openapi/openapi.yaml openapi/openapi.yaml
	@echo "openapi/openapi.yaml refreshed; review the diff and commit it"
