#!/bin/sh
# Regenerates the README's image, docs/images/cycle-two-boxes-rpo-by-bandwidth.png, and its
# fingerprint: runs scenarios/examples/cycle-two-boxes.json as the README's set-up command does
# and copies the report's chart of rpo.lag.max against the link bandwidth.
# ReadmeImageTest fails until this is run whenever the example, the model's behaviour (its
# golden digest) or the report code changes. Commit both files under docs/images/.
set -e
cd "$(dirname "$0")/.."
mvn -B -q -pl scenarios -am test -Dtest=ReadmeImageTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Drepsim.updateReadmeImage=true "$@"
git status --short docs/images
echo "Check the figures README.md quotes under \"What the example's report shows\" against the new image."
