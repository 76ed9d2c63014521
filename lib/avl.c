/* AVL trees (see avl.h): insertion and deletion with rotations on the way up. */
#include <lib/avl.h>

static inline int height(const struct avl_node *n)
{
	return n ? n->height : 0;
}

/*
 * n's subtree changed below it: recompute its height and, if augmented, its summary.
 * True if either came out different from what n held.
 */
static bool update_node(struct avl_node *n, avl_augment_fn augment)
{
	int l = height(n->left), r = height(n->right), old_height = n->height;
	bool changed;

	n->height = 1 + (l > r ? l : r);
	changed = n->height != old_height;
	if (augment && augment(n))
		changed = true;
	return changed;
}

/* Make new take old's place under parent (or as the root). */
static void replace_child(struct avl_root *root, struct avl_node *parent, struct avl_node *old,
			  struct avl_node *new)
{
	if (!parent)
		root->node = new;
	else if (parent->left == old)
		parent->left = new;
	else
		parent->right = new;
	if (new)
		new->parent = parent;
}

/*
 *     x                y
 *    / \              / \
 *   a   y     ->     x   c
 *      / \          / \
 *     b   c        a   b
 */
static struct avl_node *rotate_left(struct avl_root *root, struct avl_node *x,
				    avl_augment_fn augment)
{
	struct avl_node *y = x->right;

	x->right = y->left;
	if (y->left)
		y->left->parent = x;
	replace_child(root, x->parent, x, y);
	y->left = x;
	x->parent = y;
	update_node(x, augment); /* x is y's child now: x first */
	update_node(y, augment);
	return y;
}

/* The mirror image of rotate_left. */
static struct avl_node *rotate_right(struct avl_root *root, struct avl_node *x,
				     avl_augment_fn augment)
{
	struct avl_node *y = x->left;

	x->left = y->right;
	if (y->right)
		y->right->parent = x;
	replace_child(root, x->parent, x, y);
	y->right = x;
	x->parent = y;
	update_node(x, augment); /* x is y's child now: x first */
	update_node(y, augment);
	return y;
}

/*
 * From n up towards the root: fix heights (and summaries), and rotate where a node leans
 * by 2. The climb stops at a node that needed no rotation and whose height and summary
 * came out as they were, since nothing above it depends on anything else below it; but
 * never below or at moved, a node that took another's place (its stored values are
 * from where it was).
 */
static void rebalance(struct avl_root *root, struct avl_node *n, avl_augment_fn augment,
		      struct avl_node *moved)
{
	while (n) {
		bool changed = update_node(n, augment);
		int balance = height(n->left) - height(n->right);

		if (balance > 1) {
			if (height(n->left->left) < height(n->left->right))
				rotate_left(root, n->left, augment); /* left-right case */
			n = rotate_right(root, n, augment);
		} else if (balance < -1) {
			if (height(n->right->right) < height(n->right->left))
				rotate_right(root, n->right, augment); /* right-left case */
			n = rotate_left(root, n, augment);
		} else if (!changed && !moved) {
			return;
		}
		if (n == moved)
			moved = NULL;
		n = n->parent;
	}
}

void avl_insert_augmented(struct avl_root *root, struct avl_node *node, avl_cmp_fn cmp,
			  avl_augment_fn augment)
{
	struct avl_node **link = &root->node, *parent = NULL;

	while (*link) {
		parent = *link;
		link = cmp(node, parent) < 0 ? &parent->left : &parent->right;
	}
	node->left = node->right = NULL;
	node->parent = parent;
	*link = node;
	node->height = 1;
	update_node(node, augment); /* a leaf: its own summary */
	rebalance(root, parent, augment, NULL);
}

void avl_insert(struct avl_root *root, struct avl_node *node, avl_cmp_fn cmp)
{
	avl_insert_augmented(root, node, cmp, NULL);
}

static struct avl_node *leftmost(struct avl_node *n)
{
	while (n && n->left)
		n = n->left;
	return n;
}

static struct avl_node *rightmost(struct avl_node *n)
{
	while (n && n->right)
		n = n->right;
	return n;
}

void avl_erase_augmented(struct avl_root *root, struct avl_node *node, avl_augment_fn augment)
{
	struct avl_node *start, *moved = NULL;

	if (!node->left || !node->right) {
		start = node->parent;
		replace_child(root, node->parent, node, node->left ? node->left : node->right);
	} else {
		/* Two children: the successor s (no left child) takes node's place. */
		struct avl_node *s = leftmost(node->right);

		if (s->parent != node) {
			start = s->parent;
			replace_child(root, s->parent, s, s->right);
			s->right = node->right;
			s->right->parent = s;
		} else {
			start = s;
		}
		s->left = node->left;
		s->left->parent = s;
		replace_child(root, node->parent, node, s);
		s->height = node->height;
		moved = s;
	}
	/* Every node whose subtree lost node (s's old ancestors, then s) is on this way up. */
	rebalance(root, start, augment, moved);
}

void avl_erase(struct avl_root *root, struct avl_node *node)
{
	avl_erase_augmented(root, node, NULL);
}

void avl_augment_propagate(struct avl_node *node, avl_augment_fn augment)
{
	while (node && augment(node))
		node = node->parent;
}

struct avl_node *avl_first(const struct avl_root *root)
{
	return leftmost(root->node);
}

struct avl_node *avl_last(const struct avl_root *root)
{
	return rightmost(root->node);
}

struct avl_node *avl_next(const struct avl_node *node)
{
	if (node->right)
		return leftmost(node->right);
	while (node->parent && node->parent->right == node)
		node = node->parent;
	return node->parent;
}

struct avl_node *avl_prev(const struct avl_node *node)
{
	if (node->left)
		return rightmost(node->left);
	while (node->parent && node->parent->left == node)
		node = node->parent;
	return node->parent;
}
