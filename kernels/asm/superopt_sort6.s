# superopt::kernels: sort6 (found ships: human benchmark / find = 1.036 in p5 latency)
# made by: superopt search --task sort6 --objective latency --profile x86 --seconds 90 --seed 1 --threads 2 --symbol superopt_sort6
# chosen by: bash scripts/find_kernels.sh 90 sort6 (superopt search --task sort6 --objective latency --profile x86 --seconds 90 --seed 1 --threads 2 --symbol superopt_sort6, then superopt bench --task sort6 found.s --seconds 20)
	.text
	.globl	superopt_sort6
	.type	superopt_sort6, @function
	.p2align 6
superopt_sort6:
	push	%rbx
	mov 4(%rdi), %ebx
	mov 12(%rdi), %esi
	cmp %esi, 4(%rdi)
	cmovge %esi, %ebx
	mov 16(%rdi), %r8d
	cmovge 4(%rdi), %esi
	cmp %r8d, 8(%rdi)
	mov 8(%rdi), %ecx
	cmovg %r8d, %ecx
	cmovge 8(%rdi), %r8d
	mov %ecx, %edx
	mov %esi, %r10d
	cmp %ecx, %ebx
	cmovle %ebx, %ecx
	cmovge %ebx, %edx
	cmp %r8d, %esi
	cmovg %r8d, %esi
	cmovge %r10d, %r8d
	mov %edx, %r10d
	mov 20(%rdi), %r9d
	cmp %r9d, (%rdi)
	mov 20(%rdi), %eax
	cmovl (%rdi), %eax
	cmovge (%rdi), %r9d
	cmp %r9d, %edx
	cmovl %r9d, %r10d
	cmovg %r9d, %edx
	cmp %r8d, (%rdi)
	cmp %esi, %eax
	mov %eax, 8(%rdi)
	cmovge %esi, %eax
	cmovge 8(%rdi), %esi
	cmp %r10d, %r8d
	cmovge %r8d, %r9d
	cmovge %r10d, %r8d
	cmp %r8d, %esi
	mov %r8d, %ebx
	cmovge %esi, %r8d
	cmovge %ebx, %esi
	cmp %ecx, 8(%rdi)
	mov %esi, %r10d
	cmovle %ecx, %eax
	cmovle 8(%rdi), %ecx
	cmp %r10d, %edx
	cmovge %edx, %esi
	mov %ecx, (%rdi)
	cmovl %edx, %r10d
	cmp %eax, %edx
	mov %r9d, 20(%rdi)
	mov %r8d, 16(%rdi)
	cmovle %eax, %r10d
	mov %r10d, 8(%rdi)
	mov %esi, 12(%rdi)
	cmovg %eax, %edx
	mov %edx, 4(%rdi)
	pop	%rbx
	ret
	.size	superopt_sort6, .-superopt_sort6
	.section	.note.GNU-stack,"",@progbits
