# WRONG, to show the counterexample: varsort3_cmovge.s with cmovg for cmovge. For
# n = 2 the condition fails, %r9d keeps whatever the caller left, and the larger of
# the two words comes from it:
#   superopt verify --task varsort3 data/handwritten/varsort3_cmovg_wrong.s
	.text
	.globl	varsort3_cmovg
	.type	varsort3_cmovg, @function
	.p2align 6
varsort3_cmovg:
	mov	(%rdi), %eax		# n
	mov	4(%rdi), %ecx		# a
	cmp	$2, %eax
	jl	0f			# n = 1: nothing to do
	cmovg	%ecx, %r9d		# r9d = a only when n > 2
	mov	8(%rdi), %edx		# b
	cmp	%edx, %ecx
	cmovg	%edx, %ecx		# ecx = min(a, b)
	cmovg	%r9d, %edx		# edx = max(a, b)
	cmp	$3, %eax
	jl	1f			# n = 2: store two
	mov	12(%rdi), %esi		# c
	mov	%edx, %r8d
	cmp	%esi, %edx
	cmovg	%esi, %edx
	cmovg	%r8d, %esi		# esi = the largest
	mov	%ecx, %r8d
	cmp	%edx, %ecx
	cmovg	%edx, %ecx
	cmovg	%r8d, %edx
	mov	%esi, 12(%rdi)
1:
	mov	%ecx, 4(%rdi)
	mov	%edx, 8(%rdi)
0:
	ret
	.size	varsort3_cmovg, .-varsort3_cmovg
	.section	.note.GNU-stack,"",@progbits
