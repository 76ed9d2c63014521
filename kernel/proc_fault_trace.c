/*
 * /proc/fault_trace: the fault trace's records so far (mm/fault_trace.h), a header line
 * naming the columns, then one line per fault, as the console dump prints them. The file
 * exists only when the trace is on. Position 0 is the header, position i + 1 record i.
 */
#include <kernel/file.h>
#include <kernel/procfs.h>
#include <kernel/seq_file.h>
#include <mm/fault_trace.h>

/* A position's record number plus one, as a non-NULL token; NULL past the last record. */
static void *fault_trace_token(u64 pos)
{
	char line[FAULT_TRACE_LINE_MAX];

	if (pos && !fault_trace_line((unsigned long)pos - 1, line, sizeof(line)))
		return NULL;
	return (void *)(unsigned long)(pos + 1);
}

static void *fault_trace_start(struct seq_file *m, u64 *pos)
{
	(void)m;
	return fault_trace_token(*pos);
}

static void *fault_trace_next(struct seq_file *m, void *v, u64 *pos)
{
	(void)m;
	(void)v;
	return fault_trace_token(++*pos);
}

static void fault_trace_stop(struct seq_file *m, void *v)
{
	(void)m;
	(void)v;
}

static int fault_trace_show(struct seq_file *m, void *v)
{
	unsigned long pos = (unsigned long)v - 1;
	char line[FAULT_TRACE_LINE_MAX];

	if (!pos)
		seq_printf(m, "%s\n", fault_trace_header);
	else if (fault_trace_line(pos - 1, line, sizeof(line)))
		seq_printf(m, "%s\n", line);
	return 0;
}

static const struct seq_operations fault_trace_seq_ops = {
	.start = fault_trace_start,
	.next = fault_trace_next,
	.stop = fault_trace_stop,
	.show = fault_trace_show,
};

static int fault_trace_open(struct inode *inode, struct file *file)
{
	(void)inode;
	return seq_open(file, &fault_trace_seq_ops, NULL);
}

const struct file_operations proc_fault_trace_ops = {
	.open = fault_trace_open, .read_iter = seq_read_iter, .llseek = seq_lseek, .release = seq_release,
};
