#!/bin/sh
# The fault tests' small version for CI (./test): a fresh three-node formation, three faults of 20 s each
# (an app server killed, the primary killed → failover, the primary's disk full), then the formation removed.
# Fails when an acknowledged write is missing afterwards. The full run: docs/resilience.md.
set -u
cd "$(dirname "$0")/../.."
bench/faults/ha.sh down >/dev/null 2>&1
bench/faults/ha.sh up || { bench/faults/ha.sh down; exit 1; }
FAULTS_PHASE_SECONDS=${FAULTS_PHASE_SECONDS:-20} FAULTS_ONLY=${FAULTS_ONLY:-kill_app,kill_primary,disk_full} \
  .venv/bin/python bench/faults/run.py
rc=$?
bench/faults/ha.sh down
exit $rc
