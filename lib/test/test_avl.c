/* lib/avl.c against a sorted array, through thousands of random inserts and erases. */
#include <stdlib.h>
#include <lib/avl.h>
#include "htest.h"

struct item {
	int key;
	struct avl_node node;
	int in_tree;
};

static int cmp(const struct avl_node *a, const struct avl_node *b)
{
	return avl_entry(a, struct item, node)->key - avl_entry(b, struct item, node)->key;
}

/* Check every invariant below n; returns the subtree's height, or -1 if broken. */
static int check(const struct avl_node *n, const struct avl_node *parent, int *count)
{
	int l, r;

	if (!n)
		return 0;
	if (n->parent != parent)
		return -1;
	if (n->left && cmp(n->left, n) > 0)
		return -1;
	if (n->right && cmp(n->right, n) < 0)
		return -1;
	l = check(n->left, n, count);
	r = check(n->right, n, count);
	if (l < 0 || r < 0 || l - r > 1 || r - l > 1 || n->height != 1 + (l > r ? l : r))
		return -1;
	(*count)++;
	return n->height;
}

HTEST(avl_random_ops_keep_invariants)
{
	enum { N = 2000 };
	static struct item items[N];
	struct avl_root root = { NULL };
	int in = 0, broken = 0, misordered = 0;

	srand(42);
	for (int i = 0; i < N; i++)
		items[i].key = rand() % 500; /* duplicate keys on purpose */
	for (int step = 0; step < 20000; step++) {
		struct item *it = &items[rand() % N];
		int count = 0;

		if (it->in_tree) {
			avl_erase(&root, &it->node);
			it->in_tree = 0;
			in--;
		} else {
			avl_insert(&root, &it->node, cmp);
			it->in_tree = 1;
			in++;
		}
		if (step % 97 == 0 && (check(root.node, NULL, &count) < 0 || count != in))
			broken++;
	}
	HEXPECT_EQ(broken, 0);
	/* In-order walk both ways: sorted, and exactly the items in the tree. */
	{
		int n = 0, prev = -1;

		for (struct avl_node *p = avl_first(&root); p; p = avl_next(p), n++) {
			int k = avl_entry(p, struct item, node)->key;

			misordered += k < prev;
			prev = k;
		}
		HEXPECT_EQ(n, in);
		n = 0;
		for (struct avl_node *p = avl_last(&root); p; p = avl_prev(p))
			n++;
		HEXPECT_EQ(n, in);
	}
	HEXPECT_EQ(misordered, 0);
	/* Height stays logarithmic: at most 1.44 log2(n + 2). */
	HEXPECT(root.node == NULL || root.node->height <= 16);
}

HTEST(avl_sorted_inserts_stay_balanced)
{
	enum { N = 1023 };
	static struct item items[N];
	struct avl_root root = { NULL };
	int count = 0;

	for (int i = 0; i < N; i++) {
		items[i].key = i;
		avl_insert(&root, &items[i].node, cmp);
	}
	HEXPECT_EQ(check(root.node, NULL, &count), 10); /* a perfect tree of 1023 nodes */
	HEXPECT_EQ(count, N);
	for (int i = 0; i < N; i += 2)
		avl_erase(&root, &items[i].node);
	count = 0;
	HEXPECT(check(root.node, NULL, &count) > 0);
	HEXPECT_EQ(count, N / 2);
	HEXPECT_EQ(avl_entry(avl_first(&root), struct item, node)->key, 1);
}
