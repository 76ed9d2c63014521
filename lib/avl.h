/*
 * AVL trees: binary search trees that keep every node's two subtrees within one level
 * of each other, so lookups, inserts and erases take O(log n). Nodes are embedded in the
 * objects they order (like Linux's rbtree and list_head); the caller walks the tree to
 * search, since only it knows the keys. No recursion anywhere: parent pointers let
 * rebalancing climb back up.
 */
#ifndef LIB_AVL_H
#define LIB_AVL_H

#include <compiler.h>
#include <types.h>

struct avl_node {
	struct avl_node *left, *right, *parent;
	int height; /* of the subtree rooted here: a leaf is 1 */
};

struct avl_root {
	struct avl_node *node; /* NULL: empty */
};

/* Order of two nodes: < 0, 0 or > 0. Equal nodes go to the right. */
typedef int (*avl_cmp_fn)(const struct avl_node *a, const struct avl_node *b);

void avl_insert(struct avl_root *root, struct avl_node *node, avl_cmp_fn cmp);
void avl_erase(struct avl_root *root, struct avl_node *node);

/*
 * Augmented trees (Linux's rbtree_augmented idea): each node keeps a summary of its
 * whole subtree (the largest of some value, a sum, ...) in the object it is embedded in.
 * The tree's owner gives the function that recomputes a node's summary from the node's
 * own object and its children's summaries, and says whether it came out different. The
 * operations below call it on every node whose subtree they change (the new node, every
 * node a rotation moves, the nodes on the way up), children before parents, and stop
 * climbing where nothing changed any more. A tree is either always used with these or
 * never: a plain avl_insert() would leave summaries stale.
 */
typedef bool (*avl_augment_fn)(struct avl_node *node);

void avl_insert_augmented(struct avl_root *root, struct avl_node *node, avl_cmp_fn cmp,
			  avl_augment_fn augment);
void avl_erase_augmented(struct avl_root *root, struct avl_node *node, avl_augment_fn augment);
/*
 * The value node's summary is computed from changed in place (the tree's order did not):
 * recompute the summaries from node up, as far as they change.
 */
void avl_augment_propagate(struct avl_node *node, avl_augment_fn augment);
/* In-order neighbours; NULL past either end. */
struct avl_node *avl_first(const struct avl_root *root);
struct avl_node *avl_last(const struct avl_root *root);
struct avl_node *avl_next(const struct avl_node *node);
struct avl_node *avl_prev(const struct avl_node *node);

#define avl_entry(ptr, type, member) container_of(ptr, type, member)

#endif
