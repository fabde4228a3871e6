#!/bin/sh
# Every file with translatable strings must be listed in po/POTFILES.in, and
# every file listed there must exist, or translators silently miss strings.
set -eu
cd "${1:?usage: check-potfiles.sh SOURCE_ROOT}"

status=0
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d')

for file in $listed; do
  if [ ! -f "$file" ]; then
    echo "po/POTFILES.in lists a missing file: $file"
    status=1
  fi
done

for file in $(grep -rlE '(^|[^A-Za-z_])N?_\(|ngettext \(|translatable="yes"' src data \
              --include='*.c' --include='*.ui' --include='*.in' --include='*.xml' | sort); do
  if ! echo "$listed" | grep -qx "$file"; then
    echo "not in po/POTFILES.in: $file"
    status=1
  fi
done

exit $status
