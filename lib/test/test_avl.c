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

/* An augmented tree: each item keeps the largest value in its subtree. */
struct aug_item {
	int key, value;
	int subtree_max; /* the largest value in this item's subtree */
	struct avl_node node;
	int in_tree;
};

static struct aug_item *aug_of(const struct avl_node *n)
{
	return avl_entry(n, struct aug_item, node);
}

static int aug_cmp(const struct avl_node *a, const struct avl_node *b)
{
	return aug_of(a)->key - aug_of(b)->key;
}

static bool aug_update(struct avl_node *n)
{
	struct aug_item *it = aug_of(n);
	int max = it->value;

	if (n->left && aug_of(n->left)->subtree_max > max)
		max = aug_of(n->left)->subtree_max;
	if (n->right && aug_of(n->right)->subtree_max > max)
		max = aug_of(n->right)->subtree_max;
	if (max == it->subtree_max)
		return false;
	it->subtree_max = max;
	return true;
}

/*
 * Recompute every subtree's maximum from scratch (by recursion: a host test may) and
 * count the nodes whose kept value differs; returns the subtree's true maximum.
 */
static int aug_check(const struct avl_node *n, int *wrong)
{
	int max;

	if (!n)
		return -1;
	max = aug_of(n)->value;
	{
		int l = aug_check(n->left, wrong), r = aug_check(n->right, wrong);

		max = l > max ? l : max;
		max = r > max ? r : max;
	}
	*wrong += aug_of(n)->subtree_max != max;
	return max;
}

HTEST(avl_augmented_max_survives_rotations)
{
	enum { N = 1500 };
	static struct aug_item items[N];
	struct avl_root root = { NULL };
	int wrong_after = 0, steps_wrong = 0;

	srand(7);
	for (int i = 0; i < N; i++) {
		items[i].key = rand() % 3000;
		items[i].value = rand() % 100000;
	}
	for (int step = 0; step < 30000; step++) {
		struct aug_item *it = &items[rand() % N];
		int wrong = 0;

		if (!it->in_tree) {
			avl_insert_augmented(&root, &it->node, aug_cmp, aug_update);
			it->in_tree = 1;
		} else if (rand() % 3) {
			avl_erase_augmented(&root, &it->node, aug_update);
			it->in_tree = 0;
		} else {
			it->value = rand() % 100000; /* changed in place: the owner propagates */
			avl_augment_propagate(&it->node, aug_update);
		}
		aug_check(root.node, &wrong);
		wrong_after += wrong;
		steps_wrong += wrong != 0;
	}
	HEXPECT_EQ(steps_wrong, 0);
	HEXPECT_EQ(wrong_after, 0);
}
