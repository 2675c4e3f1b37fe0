# A hand-written varsort3 (buf[0] = n in 1..3; sorts buf[1..n]) in the style of
# published VarSort kernels: %r9d is written by cmovge before any plain write to it.
# After `cmp $2, %eax; jl 0f` the condition holds for every length that gets there,
# so the value the caller left in %r9d never matters. GNU numeric local labels.
#   superopt verify --task varsort3 data/handwritten/varsort3_cmovge.s
	.text
	.globl	varsort3_cmovge
	.type	varsort3_cmovge, @function
	.p2align 6
varsort3_cmovge:
	mov	(%rdi), %eax		# n
	mov	4(%rdi), %ecx		# a
	cmp	$2, %eax
	jl	0f			# n = 1: nothing to do
	cmovge	%ecx, %r9d		# r9d = a (n >= 2 here)
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
	.size	varsort3_cmovge, .-varsort3_cmovge
	.section	.note.GNU-stack,"",@progbits
