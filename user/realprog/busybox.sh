# Run by Debian's busybox-static as `busybox sh /realprog/busybox.sh`, on Faultline and
# on Linux (tools/realprog.py compares the two outputs). Every line prints something
# that does not depend on the kernel's timing, pids or clock.
echo "== ls"
ls /realprog/data
echo "== cat"
cat /realprog/data/fruit.txt
echo "== a pipeline through sort, sed, awk and wc"
cat /realprog/data/fruit.txt | sort | sed 's/apple/APPLE/' | awk '{ total += $2; print NR ": " $1 } END { print "total " total }'
sort -k2 -n /realprog/data/fruit.txt | wc -l
echo "== dd"
dd if=/realprog/data/fruit.txt bs=5 skip=1 count=2 2>/dev/null
echo
echo "== a subshell"
(cd /realprog/data && echo "in $(pwd)"; exit 7)
echo "subshell exit $?, still in $(pwd)"
echo "== a background job and wait"
(echo "background job runs"; exit 5) > /tmp/realprog-bg.txt &
wait $!
echo "background job exit $?"
cat /tmp/realprog-bg.txt
echo "== trap"
trap 'echo "trapped USR1"' USR1
kill -USR1 $$
trap 'echo "trapped EXIT"' EXIT
echo "== ps"
ps -o pid,comm | awk -v me=$$ '$1 == me { print "the shell is in ps as " $2 }'
echo "== done"
