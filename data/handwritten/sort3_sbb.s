# sort3 without a cmov: compare-exchanges by masks. Each value's sign bit is flipped
# (xor $0x80000000), so that unsigned order is signed order; `cmp` then `sbb` of a
# register from itself gives -CF, all ones where a pair is out of order, and the pair
# swaps by xor under that mask. Outside the comparison subset that the complete check
# decides, so verify proves it with the solver:
#   superopt verify --task sort3 data/handwritten/sort3_sbb.s
	.text
	.globl	sort3_sbb
	.type	sort3_sbb, @function
sort3_sbb:
	mov	(%rdi), %eax
	mov	4(%rdi), %ecx
	mov	8(%rdi), %esi
	xor	$0x80000000, %eax
	xor	$0x80000000, %ecx
	xor	$0x80000000, %esi
	cmp	%eax, %ecx		# (eax, ecx): CF = ecx < eax
	sbb	%edx, %edx		# edx = CF ? -1 : 0
	mov	%eax, %r8d
	xor	%ecx, %r8d
	and	%edx, %r8d
	xor	%r8d, %eax
	xor	%r8d, %ecx
	cmp	%ecx, %esi		# (ecx, esi)
	sbb	%edx, %edx
	mov	%ecx, %r8d
	xor	%esi, %r8d
	and	%edx, %r8d
	xor	%r8d, %ecx
	xor	%r8d, %esi
	cmp	%eax, %ecx		# (eax, ecx)
	sbb	%edx, %edx
	mov	%eax, %r8d
	xor	%ecx, %r8d
	and	%edx, %r8d
	xor	%r8d, %eax
	xor	%r8d, %ecx
	xor	$0x80000000, %eax
	xor	$0x80000000, %ecx
	xor	$0x80000000, %esi
	mov	%eax, (%rdi)
	mov	%ecx, 4(%rdi)
	mov	%esi, 8(%rdi)
	ret
	.size	sort3_sbb, .-sort3_sbb
